// Identifiers: UUIDv7 (RFC 9562), so ids never collide across machines and rows made one after
// another get ids that sort one after another. Ordered ids keep inserts into the id indexes on the
// same few B-tree pages instead of a random page per row: fewer pages written per commit. The time
// prefix orders ids only and is never read back as a time, so it comes from the process's
// monotonic timer rather than the runtime's Clock.
import { randomFillSync, randomUUID } from 'node:crypto';

const pool = Buffer.alloc(16 * 256);
let poolOffset = pool.length;
let lastMs = 0;
let sequence = 0;

function randomBytes16(): Buffer {
  if (poolOffset + 16 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.from(pool.subarray(poolOffset, poolOffset + 16));
  poolOffset += 16;
  return bytes;
}

export function newId(): string {
  const bytes = randomBytes16();
  let ms = Math.floor(performance.timeOrigin + performance.now());
  // Within one millisecond a 12-bit counter keeps ids increasing; past 4096 ids it borrows the next ms.
  if (ms <= lastMs) {
    ms = lastMs;
    sequence++;
    if (sequence > 0xfff) {
      ms = ++lastMs;
      sequence = 0;
    }
  } else {
    sequence = bytes.readUInt16BE(6) & 0x7ff;
  }
  lastMs = ms;
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A task's id: random (v4), because its first eight characters name the task's git branch
 * (aos/<type>/<id[:8]>) and must differ between tasks made in the same minute. Tasks are few, so
 * their index locality does not matter.
 */
export function newTaskId(): string {
  return randomUUID();
}
