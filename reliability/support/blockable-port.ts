import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay in front of storage that can turn into a black hole: connections are accepted (and kept)
 * but nothing is forwarded or answered, as when a network path drops packets. Unlike a stopped server,
 * which refuses at once, this is what makes a client hang unless its timeouts are bounded.
 */
export class BlockablePort {
  private blackholed = false;
  private readonly relays = new Set<{ client: Socket; upstream: Socket }>();
  private readonly held = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly endpoint: string,
  ) {}

  static async start(target: string): Promise<BlockablePort> {
    const { hostname, port } = new URL(target);
    let self: BlockablePort | undefined;
    const server = createServer((client) => self?.accept(client, hostname, Number(port)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    self = new BlockablePort(server, `http://127.0.0.1:${address.port}`);
    return self;
  }

  private accept(client: Socket, host: string, port: number): void {
    client.on('error', () => undefined);
    if (this.blackholed) {
      this.hold(client);
      return;
    }
    const upstream = connect(port, host);
    upstream.on('error', () => client.destroy());
    const relay = { client, upstream };
    this.relays.add(relay);
    client.pipe(upstream);
    upstream.pipe(client);
    const forget = () => {
      this.relays.delete(relay);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', forget);
    upstream.on('close', () => {
      if (!this.held.has(client)) forget();
    });
  }

  private hold(client: Socket): void {
    this.held.add(client);
    client.on('close', () => this.held.delete(client));
    client.resume(); // read and drop whatever the client sends
  }

  /** From now on nothing gets through, on new connections or on those already open. */
  blackhole(): void {
    this.blackholed = true;
    for (const relay of this.relays) {
      this.relays.delete(relay);
      relay.client.unpipe(relay.upstream);
      this.hold(relay.client);
      relay.upstream.destroy();
    }
  }

  /** Traffic flows again; connections held in the black hole are cut, so clients reconnect. */
  restore(): void {
    this.blackholed = false;
    for (const client of this.held) client.destroy();
    this.held.clear();
  }

  async close(): Promise<void> {
    this.restore();
    for (const { client, upstream } of this.relays) {
      client.destroy();
      upstream.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
