/**
 * List rows kept between rebuilds of a namespace's list: each row with the key of everything it
 * was made from (resourceVersions of the object and of what it depends on) and until when it
 * holds (a status that changes with the clock). A rebuild reuses the rows whose key and deadline
 * still hold, so their objects, and the JSON serialized from them, survive a change elsewhere in
 * the namespace; rows of objects that are gone are dropped.
 */
export class RowMemo<T> {
  private readonly rows = new Map<string, Map<string, { key: string; validUntil: number; value: T }>>();

  /**
   * The rows of `objects` in their order, and the earliest deadline among them. `build` makes a
   * row and says until when it holds (undefined: until its key changes).
   */
  rebuild<O>(
    namespace: string,
    objects: readonly O[],
    row: {
      name: (object: O) => string;
      key: (object: O) => string;
      build: (object: O) => { value: T; validUntil?: number };
    },
    now: number,
  ): { values: T[]; validUntil: number } {
    const kept = this.rows.get(namespace);
    const keep = new Map<string, { key: string; validUntil: number; value: T }>();
    let validUntil = Infinity;
    const values = objects.map((object) => {
      const name = row.name(object);
      const key = row.key(object);
      const previous = kept?.get(name);
      let entry = previous && previous.key === key && now < previous.validUntil ? previous : undefined;
      if (!entry) {
        const built = row.build(object);
        entry = { key, validUntil: built.validUntil ?? Infinity, value: built.value };
      }
      keep.set(name, entry);
      validUntil = Math.min(validUntil, entry.validUntil);
      return entry.value;
    });
    if (keep.size) this.rows.set(namespace, keep);
    else this.rows.delete(namespace);
    return { values, validUntil };
  }
}
