import type Database from 'better-sqlite3';

// A file of its own so that the repositories and schema steps, which take a handle, need not import the opener
// (db.ts), which imports the steps.

/** An open project database. */
export type Db = Database.Database;
