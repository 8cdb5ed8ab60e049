import { startMoto } from '../../scripts/rehearsal/moto-server.js';

/** moto_server (Python's moto, installed on the machine): AWS's APIs emulated on loopback. */
export interface MotoServer {
  endpoint: string;
  close(): Promise<void>;
}

/** The rehearsal's moto_server on a free port, answering; a slow start on a busy machine is waited out. */
export async function startMotoServer(timeoutMs = 60_000): Promise<MotoServer> {
  const moto = await startMoto({ timeoutMs });
  return { endpoint: moto.endpoint, close: moto.stop };
}
