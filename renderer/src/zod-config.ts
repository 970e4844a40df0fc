// Imported first by the entry point: zod's schemas (shared with the core) are built without its fast
// path, which probes `new Function` — a string evaluation that the Content Security Policy forbids.
import { z } from 'zod';

z.config({ jitless: true });
