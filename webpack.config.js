// Builds the add-in (addin/) into dist/: the task pane page Outlook loads, the local harness page, the
// icons, and manifest.xml. The dev server serves HTTPS with the project's development certificate and
// forwards /api to the companion API. Run through tsx (see package.json) so it can use the project's
// TypeScript settings modules.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import CopyWebpackPlugin from "copy-webpack-plugin";
import HtmlWebpackPlugin from "html-webpack-plugin";
import webpack from "webpack";
import { addinBuildSettings } from "./lib/addinBuildSettings.ts";
import { readConfig } from "./lib/config.ts";
import { devCertPaths } from "./lib/devCerts.ts";
import { portsSchema } from "./lib/ports.ts";
import { publicUrlsSchema } from "./lib/publicUrls.ts";

const devUrls = { addin: "https://localhost:3000", api: "https://localhost:4000" };

/** The manifest as Outlook should see it: localhost URLs replaced by the deployment's public ones. */
function manifestFor(content, urls) {
  return content
    .toString()
    .replaceAll(devUrls.addin, urls.ADDIN_PUBLIC_URL.replace(/\/$/, ""))
    .replaceAll(devUrls.api, urls.API_PUBLIC_URL.replace(/\/$/, ""));
}

/** Stops the build with one readable line (webpack-cli would otherwise print a stack trace). */
function fail(message) {
  console.error(message);
  process.exit(2);
}

function settings(read) {
  try {
    return read();
  } catch (err) {
    return fail(err.message);
  }
}

/** One page of the add-in: its HTML template and its script. */
function page(name, template) {
  return new HtmlWebpackPlugin({ filename: `${name}.html`, template, chunks: [name] });
}

function httpsOptions() {
  const paths = devCertPaths();
  try {
    return { key: readFileSync(paths.key), cert: readFileSync(paths.cert), ca: readFileSync(paths.caCert) };
  } catch {
    return fail(
      `No development certificate in ${paths.dir}: run "npm run certs" (npm start does it for you).`
    );
  }
}

export default (_env, argv) => {
  const production = argv.mode === "production";
  const ports = settings(() => readConfig(portsSchema));
  const urls = production
    ? settings(() => readConfig(publicUrlsSchema))
    : { ADDIN_PUBLIC_URL: devUrls.addin, API_PUBLIC_URL: devUrls.api };
  // In development the dev server forwards /api to the API, so the add-in calls its own origin.
  const addin = settings(() =>
    addinBuildSettings(process.env, { apiPublicUrl: production ? urls.API_PUBLIC_URL : null })
  );
  return {
    mode: production ? "production" : "development",
    devtool: production ? false : "eval-cheap-module-source-map",
    entry: {
      taskpane: "./addin/src/taskpane/index.tsx",
      harness: "./addin/harness/index.tsx",
      "auth-redirect": "./addin/src/auth/redirectPage.ts",
      "auth-dialog": "./addin/src/auth/dialogPage.ts",
    },
    output: {
      path: resolve(import.meta.dirname, process.env.ADDIN_OUT_DIR ?? "dist"),
      filename: "[name].[contenthash].js",
      chunkFilename: "[name].[contenthash].js",
      clean: true,
    },
    resolve: { extensions: [".tsx", ".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Type-checking is done by `tsc -p addin` in `npm run lint`; the build only transpiles.
          use: {
            loader: "ts-loader",
            options: { configFile: resolve(import.meta.dirname, "addin/tsconfig.json"), transpileOnly: true },
          },
        },
      ],
    },
    plugins: [
      new webpack.DefinePlugin({ ADDIN_BUILD_SETTINGS: JSON.stringify(addin) }),
      page("taskpane", "./addin/src/taskpane/taskpane.html"),
      page("harness", "./addin/harness/harness.html"),
      page("auth-redirect", "./addin/src/auth/authPage.html"),
      page("auth-dialog", "./addin/src/auth/authDialog.html"),
      new CopyWebpackPlugin({
        patterns: [
          { from: "addin/assets", to: "assets" },
          { from: "addin/src/support.html", to: "support.html" },
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => manifestFor(content, urls) },
        ],
      }),
    ],
    performance: { hints: false },
    stats: "errors-warnings",
    infrastructureLogging: { level: "warn" },
    // Only for development, so a production build does not need the development certificate.
    devServer: production
      ? undefined
      : {
          host: "127.0.0.1",
          port: ports.ADDIN_PORT,
          allowedHosts: ["localhost", "127.0.0.1"],
          server: { type: "https", options: httpsOptions() },
          headers: { "Access-Control-Allow-Origin": "*" },
          proxy: [{ context: ["/api"], target: `http://127.0.0.1:${ports.API_PORT}` }],
          client: { logging: "warn", overlay: { errors: true, warnings: false } },
          hot: false,
          static: false,
        },
  };
};
