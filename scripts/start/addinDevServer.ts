// Runs the add-in dev server (webpack-dev-server over webpack.config.js) as a process of the local stack,
// with the same start-up and shutdown behaviour as sim and the API.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import webpack, { type Configuration } from "webpack";
import WebpackDevServer from "webpack-dev-server";
import { projectRoot } from "../../lib/projectRoot.js";
import { runMain } from "../../lib/runMain.js";

type ConfigFactory = (
  env: unknown,
  argv: { mode: string }
) => Configuration & { devServer: WebpackDevServer.Configuration };

runMain(async () => {
  const configUrl = pathToFileURL(join(projectRoot, "webpack.config.js")).href;
  const { default: makeConfig } = (await import(configUrl)) as { default: ConfigFactory };
  const config = makeConfig({}, { mode: "development" });
  const server = new WebpackDevServer(config.devServer, webpack(config));
  await server.start();
  console.log(`add-in dev server on https://localhost:${String(config.devServer.port)}/`);
  return () => server.stop();
});
