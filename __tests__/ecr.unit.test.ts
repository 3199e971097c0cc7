import { describe, expect, it } from '@jest/globals'
import {
  ECRServiceException,
  KmsException,
  RepositoryNotFoundException,
  ServerException
} from '@aws-sdk/client-ecr'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ActionError } from '../src/errors.js'
import {
  createEcrClient,
  isTagImmutable,
  translateEcrError,
  wildcardMatches,
  type EcrCall
} from '../src/ecr.js'
import { loadLifecyclePolicy } from '../src/lifecycle-policy.js'
import { parseEcrImageReference } from '../src/image-reference.js'

const POLICY =
  '{"rules":[{"rulePriority":1,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":5},"action":{"type":"expire"}}]}'

const workspace = mkdtempSync(path.join(os.tmpdir(), 'gib-ecr-workspace-'))
mkdirSync(path.join(workspace, 'ci'))
writeFileSync(path.join(workspace, 'ci/policy.json'), POLICY)
writeFileSync(path.join(workspace, 'ci/broken.json'), '{"rules": [')
writeFileSync(path.join(workspace, 'ci/no-rules.json'), '{"rulez": []}')
const outside = mkdtempSync(path.join(os.tmpdir(), 'gib-ecr-outside-'))
writeFileSync(path.join(outside, 'policy.json'), POLICY)
symlinkSync(path.join(outside, 'policy.json'), path.join(workspace, 'ci/link.json'))

function thrown(action: () => unknown): ActionError {
  try {
    action()
  } catch (error) {
    if (error instanceof ActionError) return error
    throw error
  }
  throw new Error('expected an ActionError')
}

describe('loadLifecyclePolicy', () => {
  it('returns nothing for an empty input', () => {
    expect(loadLifecyclePolicy('  \n', workspace)).toBe('')
  })

  it('accepts inline JSON text as the policy', () => {
    expect(loadLifecyclePolicy(` ${POLICY}\n`, workspace)).toBe(POLICY)
  })

  it('reads a policy file relative to the workspace', () => {
    expect(loadLifecyclePolicy('ci/policy.json', workspace)).toBe(POLICY)
    expect(loadLifecyclePolicy('./ci/../ci/policy.json', workspace)).toBe(POLICY)
  })

  it.each([
    ['{"rules": [', /repository-lifecycle-policy is not valid JSON/],
    ['ci/broken.json', /repository-lifecycle-policy \(file "ci\/broken.json"\) is not valid JSON/],
    ['{"rulez": []}', /repository-lifecycle-policy is JSON but has no "rules" array/],
    ['ci/no-rules.json', /"ci\/no-rules.json"\) is JSON but has no "rules" array/],
    ['ci/missing.json', /"ci\/missing.json" is neither JSON text nor a file in the workspace/],
    ['../etc/passwd', /"..\/etc\/passwd" is outside the workspace/],
    ['/etc/passwd', /"\/etc\/passwd" is outside the workspace/],
    ['ci/link.json', /"ci\/link.json" links outside the workspace/],
    ['ci', /"ci" is neither JSON text nor a file/]
  ])('rejects %s before any network call, naming the input', (value, message) => {
    const error = thrown(() => loadLifecyclePolicy(value, workspace))
    expect(error.message).toMatch(message)
    expect(error.message).toContain('repository-lifecycle-policy')
    expect(error.hint).toBeTruthy()
  })
})

describe('parseEcrImageReference', () => {
  const digest = `sha256:${'ab'.repeat(32)}`
  it.each([
    [
      '226633502530.dkr.ecr.us-east-1.amazonaws.com/myapp-010:main-abc1234-1',
      {
        registryId: '226633502530',
        region: 'us-east-1',
        repositoryName: 'myapp-010',
        tag: 'main-abc1234-1'
      }
    ],
    [
      `226633502530.dkr.ecr.eu-west-3.amazonaws.com/team/api:v1@${digest}`,
      {
        registryId: '226633502530',
        region: 'eu-west-3',
        repositoryName: 'team/api',
        tag: 'v1',
        digest
      }
    ],
    [
      `123456789012.dkr.ecr.us-east-1.amazonaws.com/api@${digest}`,
      { registryId: '123456789012', region: 'us-east-1', repositoryName: 'api', digest }
    ],
    [
      '123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/api',
      { registryId: '123456789012', region: 'us-gov-west-1', repositoryName: 'api', tag: 'latest' }
    ],
    [
      '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/api:1',
      { registryId: '123456789012', region: 'cn-north-1', repositoryName: 'api', tag: '1' }
    ]
  ])('splits the ECR image %s', (image, expected) => {
    expect(parseEcrImageReference(image)).toEqual(expected)
  })

  it.each([
    'ghcr.io/acme/api:1',
    'nginx:1.27',
    '127.0.0.1:5000/api:1',
    '12345.dkr.ecr.us-east-1.amazonaws.com/api:1',
    'not a reference'
  ])('says %s is not in ECR', (image) => {
    expect(parseEcrImageReference(image)).toBeUndefined()
  })
})

describe('translateEcrError', () => {
  const call: EcrCall = {
    action: 'CreateRepository',
    repositoryName: 'myapp',
    registryId: '226633502530',
    region: 'us-east-1'
  }
  const awsError = (name: string, message: string) =>
    new ECRServiceException({ name, $fault: 'client', message, $metadata: { requestId: 'req-1' } })

  it('tells to run configure-aws-credentials first when the job has no credentials', () => {
    const missing = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError'
    })
    const error = translateEcrError(missing, call)
    expect(error.message).toMatch(/No AWS credentials/)
    expect(error.hint).toMatch(/aws-actions\/configure-aws-credentials/)
    expect(error.hint).toMatch(/id-token: write/)
  })

  it('names the missing IAM action and the resource to allow on AccessDeniedException', () => {
    const denied = awsError(
      'AccessDeniedException',
      'User: arn:aws:sts::226633502530:assumed-role/ci/x is not authorized to perform: ecr:CreateRepository'
    )
    const error = translateEcrError(denied, call)
    expect(error.message).toMatch(/AWS denied ecr:CreateRepository on repository "myapp"/)
    expect(error.hint).toContain(
      'Allow ecr:CreateRepository on arn:aws:ecr:us-east-1:226633502530:repository/myapp'
    )
    expect(error.hint).toMatch(/create-repository: false/)
  })

  it('allows GetAuthorizationToken on * (it has no resource)', () => {
    const error = translateEcrError(awsError('AccessDeniedException', 'denied'), {
      action: 'GetAuthorizationToken',
      region: 'us-east-1'
    })
    expect(error.hint).toMatch(/^Allow ecr:GetAuthorizationToken on \* /)
  })

  it.each([
    ['ExpiredTokenException', /rejected the job's credentials/, /configure-aws-credentials/],
    ['UnrecognizedClientException', /rejected the job's credentials/, /configure-aws-credentials/],
    ['ThrottlingException', /kept throttling ecr:CreateRepository/, /re-run the job later/],
    ['InvalidTagParameterException', /refused the repository tags/, /repository-tags/],
    ['LimitExceededException', /service quota/, /quota/],
    ['InvalidParameterException', /refused ecr:CreateRepository/, /repository-\* inputs/]
  ])('translates %s into what to do', (name, message, hint) => {
    const error = translateEcrError(awsError(name, 'aws says no'), call)
    expect(error.message).toMatch(message)
    expect(error.hint).toMatch(hint)
    expect(error.cause).toBeInstanceOf(ECRServiceException)
  })

  it('points at repository-lifecycle-policy when ECR refuses the policy', () => {
    const error = translateEcrError(awsError('InvalidParameterException', 'bad policy'), {
      ...call,
      action: 'PutLifecyclePolicy'
    })
    expect(error.hint).toMatch(/repository-lifecycle-policy/)
  })

  it('names the KMS key input when ECR cannot use the key', () => {
    const kms = new KmsException({ message: 'key disabled', $metadata: {} })
    expect(translateEcrError(kms, call).hint).toMatch(/repository-kms-key/)
  })

  it('names the repository when it does not exist', () => {
    const missing = new RepositoryNotFoundException({ message: 'nope', $metadata: {} })
    expect(translateEcrError(missing, { ...call, action: 'DescribeImages' }).message).toMatch(
      /ECR repository "myapp" does not exist/
    )
  })

  it('explains an unreachable endpoint', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED'
    })
    expect(translateEcrError(refused, call).hint).toMatch(/AWS_ENDPOINT_URL_ECR/)
  })

  it('asks for a region when none is configured', () => {
    expect(translateEcrError(new Error('Region is missing'), call).hint).toMatch(/aws-region/)
  })

  it('keeps the AWS message and request id of anything else', () => {
    const server = new ServerException({
      message: 'internal failure',
      $metadata: { requestId: 'r-9' }
    })
    const error = translateEcrError(server, call)
    expect(error.message).toBe(
      'ECR call ecr:CreateRepository on repository "myapp" failed (ServerException: internal failure (request r-9)).'
    )
  })

  it('passes an ActionError through unchanged', () => {
    const original = new ActionError('already explained')
    expect(translateEcrError(original, call)).toBe(original)
  })
})

describe('createEcrClient', () => {
  it('retries in adaptive mode, so throttling slows calls down instead of failing them', async () => {
    const client = createEcrClient({ region: 'eu-west-1' })
    const strategy = await client.config.retryStrategy()
    expect('mode' in strategy && strategy.mode).toBe('adaptive')
    expect(await client.config.region()).toBe('eu-west-1')
    client.destroy()
  })
})

describe('isTagImmutable', () => {
  const wildcard = (...filters: string[]) =>
    filters.map((filter) => ({ filterType: 'WILDCARD' as const, filter }))
  it.each([
    // The plain settings apply to every tag; ECR's default (no setting) is MUTABLE.
    ['MUTABLE', [], 'main-abc1234-1', false],
    ['IMMUTABLE', [], 'main-abc1234-1', true],
    ['IMMUTABLE', wildcard('main-*'), 'main-abc1234-1', true],
    ['', [], 'main-abc1234-1', false],
    // IMMUTABLE_WITH_EXCLUSION: immutable except the tags a filter matches.
    ['IMMUTABLE_WITH_EXCLUSION', wildcard('latest'), 'main-abc1234-1', true],
    ['IMMUTABLE_WITH_EXCLUSION', wildcard('latest'), 'latest', false],
    ['IMMUTABLE_WITH_EXCLUSION', wildcard('dev-*', 'main-*'), 'main-abc1234-1', false],
    ['IMMUTABLE_WITH_EXCLUSION', wildcard('main-*'), 'release-main-1', true],
    ['IMMUTABLE_WITH_EXCLUSION', wildcard('main'), 'main-abc1234-1', true],
    ['IMMUTABLE_WITH_EXCLUSION', wildcard('Main-*'), 'main-abc1234-1', true],
    // MUTABLE_WITH_EXCLUSION: mutable except the tags a filter matches.
    ['MUTABLE_WITH_EXCLUSION', wildcard('v*.*.*'), 'v1.2.3', true],
    ['MUTABLE_WITH_EXCLUSION', wildcard('v*.*.*'), 'v1.2', false],
    ['MUTABLE_WITH_EXCLUSION', wildcard('*-1'), 'main-abc1234-1', true],
    ['MUTABLE_WITH_EXCLUSION', wildcard('*-1'), 'main-abc1234-12', false],
    ['MUTABLE_WITH_EXCLUSION', [], 'main-abc1234-1', false],
    // In doubt, mutable: a filter type or a setting this code does not know.
    ['IMMUTABLE_WITH_EXCLUSION', [{ filterType: 'REGEX', filter: 'x' }], 'main-1', false],
    ['MUTABLE_WITH_EXCLUSION', [{ filterType: 'REGEX', filter: 'main-1' }], 'main-1', false],
    ['SOMETHING_NEW', [], 'main-1', false]
  ] as const)('%s with %j: %s is immutable: %s', (tagMutability, filters, tag, expected) => {
    expect(
      isTagImmutable(
        {
          tagMutability,
          tagMutabilityExclusionFilters: filters as { filterType: 'WILDCARD'; filter: string }[]
        },
        tag
      )
    ).toBe(expected)
  })
})

describe('wildcardMatches', () => {
  it.each([
    ['latest', 'latest', true],
    ['latest', 'latest2', false],
    ['latest', 'xlatest', false],
    ['*', '', true],
    ['*', 'anything', true],
    ['dev-*', 'dev-', true],
    ['dev-*', 'dev-42', true],
    ['dev-*', 'prod-dev-42', false],
    ['*-rc', 'v1-rc', true],
    ['*-rc', 'v1-rc1', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYc-', false],
    ['**', 'x', true],
    ['v1.*', 'v1x2', false],
    ['v1.*', 'v1.2', true],
    // Many stars against a long near-miss stays fast (no exponential backtracking).
    [`${'a*'.repeat(60)}b`, 'a'.repeat(128), false]
  ])('%s against %s: %s', (pattern, text, expected) => {
    expect(wildcardMatches(pattern, text)).toBe(expected)
  })
})
