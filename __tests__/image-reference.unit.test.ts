import { describe, expect, it } from '@jest/globals'
import { registryOf } from '../src/image-reference.js'

describe('registryOf, for the registry and repository-uri outputs of a promotion', () => {
  it.each([
    [
      '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-abc1234-1',
      '226633502530.dkr.ecr.us-east-1.amazonaws.com',
      '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010'
    ],
    ['localhost:5000/team/app:v1', 'localhost:5000', 'localhost:5000/team/app'],
    ['127.0.0.1:41321/app@sha256:' + 'a'.repeat(64), '127.0.0.1:41321', '127.0.0.1:41321/app'],
    ['nginx:1.27', 'docker.io', 'nginx'],
    ['bitnami/nginx:1.27', 'docker.io', 'bitnami/nginx']
  ])('splits %s into registry %s and repository %s', (reference, registry, repositoryUri) => {
    expect(registryOf(reference)).toMatchObject({ registry, repositoryUri })
  })

  it('keeps the digest of a pinned reference', () => {
    expect(registryOf('r.example/app:1@sha256:' + 'b'.repeat(64))?.digest).toBe(
      'sha256:' + 'b'.repeat(64)
    )
  })

  it('answers undefined for something that is not a reference', () => {
    expect(registryOf('not an image')).toBeUndefined()
  })
})
