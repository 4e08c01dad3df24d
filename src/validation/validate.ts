import type { z } from 'zod';
import { AppError, ValidationError, type ErrorDetail } from '../errors/app.error.js';
import { messagesFor, zodErrorMapFor, type Lang } from '../i18n/i18n.js';
import { isObjectId } from '../utils/object-id.js';

type ValidationMessageKey = keyof ReturnType<typeof messagesFor>['validation'];

/**
 * Custom checks put a catalogue key as their message (`{ message: 'priceDecimals' }`), which is
 * translated here. Zod's own issues are worded by its locale for the request language.
 */
function toDetails(issues: readonly z.core.$ZodIssue[], lang: Lang): ErrorDetail[] {
  const texts = messagesFor(lang).validation;
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: texts.unknownKey }));
    }
    if (issue.path.length === 0 && issue.code === 'invalid_type') {
      return [{ path: '', message: texts.bodyNotObject }];
    }
    const message = issue.message in texts ? texts[issue.message as ValidationMessageKey] : issue.message;
    return [{ path: issue.path.map(String).join('.'), message }];
  });
}

/** Parses `input` with `schema`, or throws one ValidationError listing every problem at once. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  lang: Lang,
  code: 'VALIDATION_ERROR' | 'INVALID_QUERY' = 'VALIDATION_ERROR',
): z.output<S> {
  const localeMap = zodErrorMapFor(lang);
  const required = messagesFor(lang).validation.required;
  const result = schema.safeParse(input, {
    error: (issue) =>
      issue.code === 'invalid_type' && issue.input === undefined ? required : localeMap(issue),
  });
  if (!result.success) throw new ValidationError(toDetails(result.error.issues, lang), code);
  return result.data;
}

/** Returns the id when it is a 24-hex string, or throws INVALID_ID naming the value. */
export function parseId(value: unknown): string {
  if (isObjectId(value)) return value;
  throw new AppError('INVALID_ID', { params: { id: String(value).slice(0, 100) } });
}
