import { connectionItem, subscriptionItem } from '../../src/adapters/dynamodb/connection-items.js';
import {
  connectionsTableDefinition,
  createDynamoDbClient,
  DynamoDbConnectionStore,
  ensureTable,
} from '../../src/adapters/dynamodb/index.js';
import { MemoryConnectionStore } from '../../src/adapters/memory/connection.memory-store.js';
import { createDocuments } from '../../src/composition/create-documents.js';
import type { Connection } from '../../src/domain/realtime/connection.js';
import type { ConnectionStore } from '../../src/domain/realtime/connection.store.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import { countCommands } from './count-commands.js';
import { startDynalite } from './dynalite.js';

/** A fresh, empty connection store on the given clock; `commands` lists the DynamoDB calls of a dynamodb one. */
export interface FreshConnectionStore {
  store: ConnectionStore;
  /** Saves these connections subscribed to the post, in bulk: the same records `save` and `subscribe` make. */
  seedSubscribers(postId: string, connectionIds: string[], expiresAt: number): Promise<void>;
  commands?: string[];
}

export interface OpenConnectionStores {
  fresh(clock: Clock): Promise<FreshConnectionStore>;
  close(): Promise<void>;
}

export interface ConnectionStoreProvider {
  name: 'memory' | 'dynamodb';
  open(): Promise<OpenConnectionStores>;
}

/** Query pages this small make a few hundred subscribers span several pages, as ~10,000 would in AWS. */
export const TEST_PAGE_SIZE = 250;

export const memoryConnections: ConnectionStoreProvider = {
  name: 'memory',
  open: async () => ({
    fresh: async (clock) => {
      const store = new MemoryConnectionStore({ clock });
      const seedSubscribers = async (postId: string, connectionIds: string[], expiresAt: number) => {
        for (const connectionId of connectionIds) {
          await store.save(aConnection(connectionId, expiresAt));
          await store.subscribe(connectionId, postId, expiresAt);
        }
      };
      return { store, seedSubscribers };
    },
    close: async () => {},
  }),
};

/** One dynalite, a new connections table per `fresh()`, each with its own counted documents. */
export const dynamoDbConnections: ConnectionStoreProvider = {
  name: 'dynamodb',
  open: async () => {
    const db = await startDynalite();
    const options = { endpoint: db.endpoint, region: 'us-east-1' };
    const tables = createDynamoDbClient(options);
    const opened: { destroy(): void }[] = [tables];
    let made = 0;
    return {
      fresh: async (clock) => {
        const open = createDocuments(options);
        opened.push(open);
        const tableName = `blogapp-connections-test-${++made}`;
        await ensureTable(tables, tableName, { definition: connectionsTableDefinition });
        // A thousand subscribes one by one take seconds on dynalite; batches of the same items take a blink.
        const seedSubscribers = async (postId: string, connectionIds: string[], expiresAt: number) => {
          const items = connectionIds.flatMap((connectionId) => [
            connectionItem(aConnection(connectionId, expiresAt)),
            subscriptionItem(connectionId, postId, expiresAt),
          ]);
          for (let start = 0; start < items.length; start += 25) {
            const puts = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
            const output = await open.documents.batchWrite({ RequestItems: { [tableName]: puts } });
            if (Object.keys(output.UnprocessedItems ?? {}).length > 0)
              throw new Error('seeding was throttled');
          }
        };
        const { documents, names: commands } = countCommands(open.documents);
        const store = new DynamoDbConnectionStore({ documents, tableName, clock, pageSize: TEST_PAGE_SIZE });
        return { store, seedSubscribers, commands };
      },
      close: async () => {
        for (const open of opened) open.destroy();
        await db.close();
      },
    };
  },
};

function aConnection(connectionId: string, expiresAt: number): Connection {
  return { connectionId, userId: null, connectedAt: '2026-01-01T00:00:00.000Z', expiresAt };
}

export const connectionStoreProviders = [memoryConnections, dynamoDbConnections];
