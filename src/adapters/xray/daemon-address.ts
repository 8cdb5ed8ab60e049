export interface DaemonAddress {
  host: string;
  port: number;
}

const DEFAULT: DaemonAddress = { host: '127.0.0.1', port: 2000 };

/**
 * Where segments go: `AWS_XRAY_DAEMON_ADDRESS`, which Lambda sets for a traced function, as `host:port` or
 * as `tcp:host:port udp:host:port` (segments travel over UDP; TCP is the daemon's sampling API).
 */
export function daemonAddress(value: string | undefined): DaemonAddress {
  if (!value?.trim()) return DEFAULT;
  const parts = value.trim().split(/\s+/);
  const udp = parts.find((part) => part.startsWith('udp:'))?.slice('udp:'.length) ?? parts[0] ?? '';
  const at = udp.lastIndexOf(':');
  const port = Number(udp.slice(at + 1));
  if (at <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`AWS_XRAY_DAEMON_ADDRESS "${value}" is not host:port (or "tcp:host:port udp:host:port")`);
  }
  return { host: udp.slice(0, at), port };
}
