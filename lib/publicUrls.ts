// Where a deployment serves the add-in and the API; a production build writes them into the manifest.
import { z } from "zod";

const httpsUrl = z.url({ protocol: /^https$/, error: "must be an https:// URL" });

export const publicUrlsSchema = z.object({
  ADDIN_PUBLIC_URL: httpsUrl,
  API_PUBLIC_URL: httpsUrl,
});
