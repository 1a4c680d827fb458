// The bench's browsers over HTTP: the project's TestBrowser (src/testing: Origin header, cookie
// jar) sending through node:http keep-alive sockets, each request to the next server process in
// turn, as a round-robin load balancer in front of them would.
import {Agent, request as httpRequest} from 'node:http';

/** A `send` for TestBrowser that spreads requests over `ports` (127.0.0.1), one after another. */
export function roundRobinSend(ports) {
  const agent = new Agent({keepAlive: true, maxSockets: 256});
  let turn = 0;
  const send = async (request) => {
    const port = ports[turn++ % ports.length];
    const url = new URL(request.url);
    const body =
      request.method === 'GET' || request.method === 'HEAD'
        ? null
        : Buffer.from(await request.arrayBuffer());
    const headers = Object.fromEntries(request.headers);
    if (body) headers['content-length'] = String(body.length);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: url.pathname + url.search,
          method: request.method,
          agent,
          headers,
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            const answer = new Headers();
            for (let i = 0; i < res.rawHeaders.length; i += 2)
              answer.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
            const status = res.statusCode ?? 0;
            resolve(
              new Response(status === 204 ? null : Buffer.concat(chunks), {
                status,
                headers: answer,
              }),
            );
          });
        },
      );
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  };
  send.close = () => agent.destroy();
  return send;
}
