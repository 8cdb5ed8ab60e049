import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import {
  GetAliasCommand,
  LambdaClient,
  ListVersionsByFunctionCommand,
  ResourceNotFoundException,
  UpdateAliasCommand,
} from '@aws-sdk/client-lambda';
import type { AlarmWatch, AliasState, LambdaAliases } from './ports.js';

/** The canary's Lambda calls through the SDK (GetAlias, UpdateAlias with RoutingConfig, ListVersions). */
export function sdkLambdaAliases(client: LambdaClient = new LambdaClient({})): LambdaAliases {
  return {
    async getAlias(functionName, alias) {
      try {
        const found = await client.send(new GetAliasCommand({ FunctionName: functionName, Name: alias }));
        if (!found.FunctionVersion) return undefined;
        const [canary] = Object.entries(found.RoutingConfig?.AdditionalVersionWeights ?? {});
        return {
          version: found.FunctionVersion,
          ...(canary ? { canary: { version: canary[0], weight: canary[1] } } : {}),
        };
      } catch (error) {
        if (error instanceof ResourceNotFoundException) return undefined;
        throw error;
      }
    },
    async updateAlias(functionName, alias, state: AliasState) {
      await client.send(
        new UpdateAliasCommand({
          FunctionName: functionName,
          Name: alias,
          FunctionVersion: state.version,
          // An empty map clears a previous canary's weights; leaving RoutingConfig out would keep them.
          RoutingConfig: {
            AdditionalVersionWeights: state.canary ? { [state.canary.version]: state.canary.weight } : {},
          },
        }),
      );
    },
    async listVersions(functionName) {
      const versions: string[] = [];
      let marker: string | undefined;
      do {
        const page = await client.send(
          new ListVersionsByFunctionCommand({ FunctionName: functionName, Marker: marker }),
        );
        for (const { Version } of page.Versions ?? [])
          if (Version && /^\d+$/.test(Version)) versions.push(Version);
        marker = page.NextMarker;
      } while (marker);
      return versions.sort((a, b) => Number(a) - Number(b));
    },
  };
}

export function sdkAlarmWatch(client: CloudWatchClient = new CloudWatchClient({})): AlarmWatch {
  return {
    async inAlarm(alarmNames) {
      if (alarmNames.length === 0) return [];
      // Filtered here rather than with StateValue, which some emulators apply without the names.
      const found = await client.send(new DescribeAlarmsCommand({ AlarmNames: alarmNames }));
      return [...(found.MetricAlarms ?? []), ...(found.CompositeAlarms ?? [])]
        .filter(({ StateValue }) => StateValue === 'ALARM')
        .map(({ AlarmName }) => AlarmName)
        .filter((name): name is string => Boolean(name));
    },
  };
}
