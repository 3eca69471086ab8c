// What test/server/import-graph.test.ts takes from eslint.config.js: the server's rooms, lowest first.
export declare const serverRooms: readonly string[];
declare const config: unknown;
export default config;
