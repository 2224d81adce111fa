export { buildApp } from './app.js';
export { loadConfig, type Config } from './config.js';
export { openDatabase, type Database } from './db/database.js';
export { migrateToLatest } from './db/migrate.js';
export { startServer } from './server.js';
