import { Injectable } from '@nestjs/common';

/** Closed by the server: the account behind the connection can no longer sign in. */
export const CLOSE_SESSION_REVOKED = 4403;

interface Closable {
  close(code?: number, reason?: string): void;
}

/** The WebSocket connections of this replica by account, so an erased account's are closed at once. */
@Injectable()
export class LiveConnections {
  private readonly byAccount = new Map<string, Set<Closable>>();

  add(accountId: string, socket: Closable): void {
    let sockets = this.byAccount.get(accountId);
    if (!sockets) {
      sockets = new Set();
      this.byAccount.set(accountId, sockets);
    }
    sockets.add(socket);
  }

  remove(accountId: string, socket: Closable): void {
    const sockets = this.byAccount.get(accountId);
    sockets?.delete(socket);
    if (sockets?.size === 0) this.byAccount.delete(accountId);
  }

  closeAll(accountId: string): void {
    for (const socket of this.byAccount.get(accountId) ?? []) socket.close(CLOSE_SESSION_REVOKED, 'Session revoked');
    this.byAccount.delete(accountId);
  }
}
