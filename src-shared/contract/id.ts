import { z } from 'zod';

/** Ids are random, URL-safe and short enough to appear in folder and branch names. */
export const idSchema = z.string().regex(/^[a-z0-9]{6,32}$/, 'not a valid id');
