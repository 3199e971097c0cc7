/**
 * `image-key` dot paths. Apart from src/values.ts (which brings the yaml parser) so that the input
 * is checked by the same parser at start-up, before any network call, as the patch uses later.
 */

/** Why a dot path cannot be parsed (the message says where). */
export class KeyPathError extends Error {}

export const IMAGE_KEY_HINT =
  'image-key is a dot path such as microservice.image; write a literal dot in a key as \\. ' +
  '(nvidia\\.com/gpu) and a list item as its index (containers.0.image)'

/**
 * Split an `image-key` dot path into keys and sequence indexes.
 * `a\.b.containers.0.image` → `['a.b', 'containers', 0, 'image']`.
 */
export function parseKeyPath(keyPath: string): (string | number)[] {
  if (keyPath === '') throw new KeyPathError('it is empty')
  const segments: (string | number)[] = []
  let current = ''
  let escaped = false
  for (let i = 0; i <= keyPath.length; i++) {
    const ch = keyPath[i]
    if (ch === '\\') {
      const next = keyPath[i + 1]
      if (next !== '.' && next !== '\\') {
        throw new KeyPathError(
          `\`\\${next ?? ''}\` at position ${i + 1} is not an escape (only \\. and \\\\ are)`
        )
      }
      current += next
      escaped = true
      i++
    } else if (ch === '.' || ch === undefined) {
      if (current === '') throw new KeyPathError(`empty key at position ${i + 1}`)
      const isIndex = !escaped && /^(?:0|[1-9]\d{0,8})$/.test(current)
      segments.push(isIndex ? Number(current) : current)
      current = ''
      escaped = false
    } else {
      current += ch
    }
  }
  return segments
}

/** The inverse of parseKeyPath, used to suggest paths in hints. */
export function formatKeyPath(path: readonly (string | number)[]): string {
  return path
    .map((segment) =>
      typeof segment === 'number' ? String(segment) : segment.replace(/[\\.]/g, (c) => `\\${c}`)
    )
    .join('.')
}
