// A trainee's submission: the selections with their justification and times, signed with the training
// workspace's own key and encrypted with age to the trainer alone (other trainees cannot read or copy
// it). The trainer's side verifies the signature and that it answers one of the trainer's exercises.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { z } from 'zod';
import { SelectionSchema } from '../../../shared/domain/training.ts';
import { AppError } from '../../../shared/errors.ts';
import { canonicalJson } from '../audit/audit-log.ts';
import { AgeError, decrypt, encrypt } from '../exchange/age.ts';
import { PackageZipWriter, ZipError, readZipStream } from '../exchange/package-zip.ts';
import { verifySignature } from '../exchange/unit-keys.ts';

export const SUBMISSION_FORMAT = 'portcullis-submission/1';

export const SubmissionSchema = z
  .object({
    format: z.literal(SUBMISSION_FORMAT),
    exerciseId: z.string().uuid(),
    trainee: z.string().min(1).max(200),
    traineeKey: z.string().max(64),
    startedAt: z.string().datetime(),
    submittedAt: z.string().datetime(),
    selections: z.array(SelectionSchema.extend({ selectedAt: z.string().datetime() })).max(10_000),
  })
  .strict();
export type Submission = z.infer<typeof SubmissionSchema>;

export async function writeSubmission(submission: Submission, signingSecret: string, trainerRecipient: string): Promise<Buffer> {
  const body = Buffer.from(canonicalJson(submission));
  const secret = createPrivateKey({ key: Buffer.from(signingSecret, 'base64'), format: 'der', type: 'pkcs8' });
  const signature = Buffer.from(canonicalJson({ signature: sign(null, body, secret).toString('base64') }));
  const parts: Buffer[] = [];
  const zip = new PackageZipWriter((c) => void parts.push(Buffer.from(c)));
  await zip.addBuffer('signature.json', signature, 'store');
  await zip.addBuffer('submission.json', body, 'deflate');
  await zip.finish();
  return encrypt(Buffer.concat(parts), [trainerRecipient]);
}

/** Opens a submission with the trainer's keys and checks its signature; TRAINING_SUBMISSION_INVALID otherwise. */
export async function readSubmission(file: Buffer, identities: string[]): Promise<{ submission: Submission; sha256: string }> {
  const invalid = (why: string) =>
    new AppError('TRAINING_SUBMISSION_INVALID', 'This is not a valid submission for one of your exercises, or it was altered.', { why });
  let plain: Buffer;
  try {
    plain = decrypt(file, identities, { maxStanzas: 4 }).plaintext;
  } catch (err) {
    if (err instanceof AgeError) throw invalid(err.code === 'AGE_NO_IDENTITY' ? 'not encrypted to this trainer' : err.message);
    throw err;
  }
  const entries: { name: string; data: Buffer }[] = [];
  try {
    for await (const e of readZipStream(
      (async function* () {
        yield plain;
      })(),
      { entries: 2 },
    )) {
      const parts: Buffer[] = [];
      for await (const c of e.data) parts.push(c);
      entries.push({ name: e.name, data: Buffer.concat(parts) });
    }
  } catch (err) {
    if (err instanceof ZipError) throw invalid(err.message);
    throw err;
  }
  const [sig, body] = entries;
  if (sig?.name !== 'signature.json' || body?.name !== 'submission.json') throw invalid('no signature or body');
  let submission: Submission;
  try {
    submission = SubmissionSchema.parse(JSON.parse(body.data.toString('utf8')));
    const { signature } = z
      .object({ signature: z.string().max(100) })
      .strict()
      .parse(JSON.parse(sig.data.toString('utf8')));
    if (!verifySignature(submission.traineeKey, body.data, Buffer.from(signature, 'base64'))) throw invalid('the signature does not verify');
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw invalid('not in the expected form');
  }
  return { submission, sha256: createHash('sha256').update(file).digest('hex') };
}
