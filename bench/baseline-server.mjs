// The floor every HTTP benchmark is compared with: a bare Fastify route on the same machine,
// same Node, no database, no session — what Tuntas costs on top of the framework.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/bare', async () => ({ status: 'ok', database: 'none', version: '0', uptimeSeconds: 0 }));
const port = Number(process.argv[2] ?? 3901);
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');
