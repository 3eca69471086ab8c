import { countsFileSourceType } from './counts-file.ts';
import { imapSourceType } from './imap/index.ts';
import { jmapSourceType } from './jmap/index.ts';
import { maildirSourceType } from './maildir.ts';
import { pop3SourceType } from './pop3/index.ts';
import type { SourceType } from './source.ts';
import { sqlSourceType } from './sql.ts';

/** Every source type the config may name, by its `type`. Each source module adds itself here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each entry has its own config type
export const sourceTypes: ReadonlyArray<SourceType<any>> = [imapSourceType, maildirSourceType, countsFileSourceType, sqlSourceType, pop3SourceType, jmapSourceType];
