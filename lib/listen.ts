// Starts a server listening and resolves once it is bound, with a readable error when the port is taken.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Loopback by default: the local stack is for this machine only. */
export const defaultHost = "127.0.0.1";

export function listen<S extends Server>(server: S, port: number, host = defaultHost): Promise<S> {
  return new Promise((resolvePromise, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off("listening", onListening);
      if (err.code === "EADDRINUSE") reject(new Error(`Port ${port} on ${host} is already in use.`));
      else reject(err);
    };
    const onListening = () => {
      server.off("error", onError);
      resolvePromise(server);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, host);
  });
}

/** The port a listening server is bound to (useful after listening on port 0). */
export function boundPort(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Stops accepting connections, ends open ones (including event streams) and resolves when closed. */
export function close(server: Server): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    server.close((err) => (err ? reject(err) : resolvePromise()));
    server.closeAllConnections();
  });
}
