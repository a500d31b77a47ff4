import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { createPolicyEngine, loadPolicyFile, RemoteToxicityScorer } from '../policy';
import { JsonLogger } from '../common/json-logger';
import { PolicyController } from './policy.controller';
import { POLICY_ENGINE } from './policy-engine.token';
import { ReaderStanding } from './standing';

/**
 * The Nest side of the Standards Board Policy: loads and validates the policy
 * file once at boot (a bad file stops start-up with one line), applies the
 * environment's rate overrides, and serves GET /policy and POST /policy/check.
 * The engine itself (src/policy) knows nothing of Nest.
 */
@Global()
@Module({
  controllers: [PolicyController],
  providers: [
    {
      provide: POLICY_ENGINE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const overrides = Object.fromEntries(Object.entries(config.rates).filter(([, v]) => v !== undefined));
        // The scorer's model is loaded here too: a missing or corrupt file stops start-up with one line.
        const remoteScorer = config.toxicityUrl ? new RemoteToxicityScorer(config.toxicityUrl, config.toxicityTimeoutMs) : undefined;
        const logger = new JsonLogger(config.logLevel);
        return createPolicyEngine(loadPolicyFile(config.policyFile), overrides, {
          remoteScorer,
          // Never the text, nor the URL's answer: only that the built-in model stood in.
          onRemoteFailure: (error) => logger.warn({ msg: 'toxicity service failed; the built-in model scored instead', error: (error as Error)?.name ?? 'Error' }, 'StandardsBoard'),
        });
      },
    },
    ReaderStanding,
  ],
  exports: [POLICY_ENGINE, ReaderStanding],
})
export class StandardsBoardModule {}
