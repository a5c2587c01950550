import { scriptReportSchema, type AppError } from '../../../src-shared/contract';

export interface ArchiveRefusal {
  message: string;
  /** The end of the script's output, when it ran. */
  output: string | null;
  /** It did not run: the config is not trusted in its current content. */
  untrusted: boolean;
}

/** A delete refused because of the repository's archive script (it failed, or is not trusted), if that is what it was. */
export function archiveRefusalFrom(error: AppError): ArchiveRefusal | null {
  if (error.code === 'SCRIPT_NOT_TRUSTED') return { message: error.message, output: null, untrusted: true };
  if (error.code !== 'SCRIPT_FAILED') return null;
  const report = scriptReportSchema.safeParse(error.details);
  return { message: error.message, output: report.success && report.data.output !== '' ? report.data.output : null, untrusted: false };
}
