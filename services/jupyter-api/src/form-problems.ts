/**
 * What every part of the create and change forms shares: collecting field-level problems, and
 * taking a field's value from the body or the spawner config (honouring `readOnly`). Pure.
 */
import { type FieldError, badRequest } from '@kf-ts/shared';

/** The create body as received (validated here, not trusted). */
export type NotebookForm = Record<string, unknown>;

/** Collects problems so that one answer names all of them. */
export class Problems {
  readonly list: FieldError[] = [];
  add(field: string, message: string) {
    this.list.push({ field: `/body/${field}`, message });
  }
  get empty() {
    return this.list.length === 0;
  }
  throwIfAny(what: string) {
    if (this.empty) return;
    const summary = this.list
      .slice(0, 3)
      .map((problem) => `${problem.field.replace(/^\/body\//, '')}: ${problem.message}`)
      .join('; ');
    const more = this.list.length > 3 ? ` (and ${this.list.length - 3} more)` : '';
    throw badRequest(`${what}: ${summary}${more}`, this.list);
  }
}

export type ConfigField = { readOnly?: boolean; value?: unknown } | undefined;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

export const provided = (form: NotebookForm, key: string) => form[key] !== undefined;

/**
 * The value of a form field: the config's default when the body leaves it out, the body's value
 * otherwise; a read-only field set in the body is a problem.
 */
export function formValue(
  form: NotebookForm,
  configField: ConfigField,
  bodyField: string,
  problems: Problems,
): unknown {
  if (configField?.readOnly) {
    if (provided(form, bodyField)) {
      problems.add(bodyField, 'is read-only in the spawner config; leave it out to get the configured value');
    }
    return configField.value;
  }
  return provided(form, bodyField) ? form[bodyField] : configField?.value;
}

/** A quantity as text (numbers too), or undefined when it is neither. */
export const quantityText = (value: unknown): string | undefined =>
  typeof value === 'number' && Number.isFinite(value)
    ? String(value)
    : typeof value === 'string'
      ? value.trim()
      : undefined;
