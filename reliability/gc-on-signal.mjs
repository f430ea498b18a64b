// Test-only preload for the soak (node --expose-gc --import ./gc-on-signal.mjs): SIGUSR2 runs a
// full garbage collection, so memory can be compared with what is really still in use.
process.on('SIGUSR2', () => {
  globalThis.gc?.();
  globalThis.gc?.();
});
