import WebSocket from 'ws';

/**
 * Closes a socket and resolves once it is closed. A peer that never answers the close frame (a
 * zombie) would keep it open for ws's 30 s close timeout, so after `graceMs` it is terminated.
 */
export function closeSocket(socket: WebSocket, code: number, graceMs = 2000): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => socket.terminate(), graceMs);
    timer.unref();
    socket.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (socket.readyState === WebSocket.OPEN) socket.close(code);
    else if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
  });
}
