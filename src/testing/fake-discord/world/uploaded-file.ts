/**
 * One file a client uploaded through multipart `files[n]`, kept with its bytes so tests can assert
 * exactly what the bot sent.
 */
export interface UploadedFile {
  /** The form field name, e.g. `files[0]`. */
  readonly field: string;
  readonly filename: string;
  readonly contentType: string;
  readonly data: Buffer;
}
