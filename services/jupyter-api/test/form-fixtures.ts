import { readFileSync } from 'node:fs';
import { ApiError } from '@kf-ts/shared';
import type { FormContext } from '../src/notebook-form.ts';
import { type SpawnerFormDefaults, bundledConfigPath, parseSpawnerConfig } from '../src/spawner-config.ts';

/** The bundled (upstream-equal) defaults, fresh for each call so tests can change them. */
export function bundledDefaults(): SpawnerFormDefaults {
  return parseSpawnerConfig(readFileSync(bundledConfigPath(), 'utf8'), 'bundled');
}

export const SCIPY = 'ghcr.io/kubeflow/kubeflow/notebook-servers/jupyter-scipy:v1.11.0-rc.0';
export const CODESERVER = 'ghcr.io/kubeflow/kubeflow/notebook-servers/codeserver-python:v1.11.0-rc.0';
export const RSTUDIO = 'ghcr.io/kubeflow/kubeflow/notebook-servers/rstudio-tidyverse:v1.11.0-rc.0';

export function formContext(overrides: Partial<FormContext> = {}): FormContext {
  return {
    namespace: 'team',
    creator: 'alice@example.com',
    defaults: bundledDefaults(),
    podDefaultLabels: new Set(['access-ml-pipeline', 'add-gcp-secret']),
    allowedVolumeSources: new Set(['persistentVolumeClaim', 'configMap', 'secret', 'emptyDir', 'nfs']),
    maxGpus: 8,
    ...overrides,
  };
}

/** The details of the 400 that `fn` throws. */
export function problemsOf(fn: () => unknown): { field: string; message: string }[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return err.details ?? [];
    throw err;
  }
  throw new Error('expected a 400');
}
