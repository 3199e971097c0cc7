/**
 * Points the real AWS SDK at the ECR stand-in (sandbox/ecr-server.ts) the way a user would point
 * it at LocalStack: through AWS_ENDPOINT_URL_ECR, with dummy static credentials.
 */
import { AdaptiveRetryStrategy } from '@smithy/core/retry'
import { standInAwsEnv } from '../../sandbox/aws-env.js'

const VARIABLES = [
  'AWS_ENDPOINT_URL_ECR',
  'AWS_ENDPOINT_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
  'AWS_EC2_METADATA_DISABLED',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_ROLE_ARN'
] as const

/**
 * Sets the AWS environment for the stand-in at `url`; `credentials: false` leaves the job with
 * none at all (no keys, no files, no instance metadata). Returns a function that restores it.
 */
export function useStandInEnvironment(
  url: string,
  options: { credentials?: boolean } = {}
): () => void {
  const saved = new Map(VARIABLES.map((name) => [name, process.env[name]]))
  for (const name of VARIABLES) delete process.env[name]
  Object.assign(
    process.env,
    standInAwsEnv(url, {
      keys:
        options.credentials === false
          ? undefined
          : { accessKeyId: 'AKIDSTANDIN000000000', secretAccessKey: 'stand-in-secret-key' }
    })
  )
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name]
      else process.env[name] = value
    }
  }
}

/**
 * The SDK's own adaptive retry strategy with the waits taken out, so tests of throttling do not
 * sleep. Production code keeps the SDK's delays (retryMode: 'adaptive').
 */
export function adaptiveRetryWithoutWaiting(maxAttempts: number): AdaptiveRetryStrategy {
  return new AdaptiveRetryStrategy(maxAttempts, {
    backoff: { computeNextBackoffDelay: () => 0, setDelayBase: () => undefined },
    rateLimiter: { getSendToken: () => Promise.resolve(), updateClientSendingRate: () => undefined }
  })
}
