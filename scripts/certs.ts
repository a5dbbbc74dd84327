// `npm run certs`: creates, or renews when close to expiry, the local development certificates.
import { ensureDevCerts } from "../lib/devCerts.js";
import { runMain } from "../lib/runMain.js";

runMain(async () => {
  const paths = await ensureDevCerts();
  console.log(`Development certificates are in ${paths.dir} (trust ${paths.caCert} in your browser).`);
});
