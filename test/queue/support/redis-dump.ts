import { Redis } from 'ioredis';

/**
 * Every value stored under `pattern`, whatever the key type, as text: what
 * a reader of the Redis database would see.
 */
export async function dumpRedis(
  connection: { host: string; port: number },
  pattern: string,
): Promise<string[]> {
  const client = new Redis({ ...connection, lazyConnect: true });
  await client.connect();
  try {
    const texts: string[] = [];
    for (const key of await client.keys(pattern)) {
      texts.push(key, ...(await read(client, key)));
    }
    return texts;
  } finally {
    client.disconnect();
  }
}

async function read(client: Redis, key: string): Promise<string[]> {
  const type = await client.type(key);
  if (type === 'string') return [(await client.get(key)) ?? ''];
  if (type === 'hash') return Object.entries(await client.hgetall(key)).flat();
  if (type === 'list') return client.lrange(key, '0', '-1');
  if (type === 'set') return client.smembers(key);
  if (type === 'zset') return client.zrange(key, '0', '-1');
  if (type === 'stream') {
    const entries = await client.xrange(key, '-', '+');
    return entries.flatMap(([id, fields]) => [id, ...fields]);
  }
  return [`<${type}>`];
}
