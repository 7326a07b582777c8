import { hkdfSync } from 'node:crypto';

/** Keys derived from the one deployment secret, each for one purpose (HKDF-SHA256). */
export interface DerivedKeys {
  tokenSigningKey: Uint8Array;
  /** Keys the HMAC under which one-time codes and throttle subjects are stored. */
  codePepper: Uint8Array;
  /** Keys the HMAC that signs page cursors; separate so a cursor never helps attack stored codes. */
  cursorKey: Uint8Array;
  /** Keys the HMAC of reminder emails' one-click unsubscribe links. */
  unsubscribeKey: Uint8Array;
}

export const deriveKeys = (rootSecret: string): DerivedKeys => {
  const derive = (info: string) =>
    new Uint8Array(hkdfSync('sha256', rootSecret, 'renewal-hub', info, 32) as ArrayBuffer);
  return {
    tokenSigningKey: derive('access-token'),
    codePepper: derive('one-time-code'),
    cursorKey: derive('page-cursor'),
    unsubscribeKey: derive('unsubscribe-link'),
  };
};
