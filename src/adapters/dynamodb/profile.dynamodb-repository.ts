import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { Profile } from '../../domain/profiles/profile.js';
import type { ProfileRepository } from '../../domain/profiles/profile.repository.js';
import type { DynamoDbDocuments } from './documents.js';
import type { DynamoDbTable } from './dynamodb-table.js';
import { guarded, isConditionFailed, translateError } from './errors.js';
import { profileItem, toProfile } from './item-mappers.js';
import { profileKey } from './table-design.js';

export class DynamoDbProfileRepository implements ProfileRepository {
  private readonly documents: DynamoDbDocuments;
  private readonly tableName: string;

  constructor({ documents, tableName }: DynamoDbTable) {
    this.documents = documents;
    this.tableName = tableName;
  }

  async find(id: string): Promise<Profile | null> {
    const { Item } = await guarded(() =>
      this.documents.get({ TableName: this.tableName, Key: profileKey(id), ConsistentRead: true }),
    );
    return Item ? toProfile(Item) : null;
  }

  /** One conditional Put: the first request of a user creates the profile, racing ones get the winner's. */
  async getOrCreate(profile: Profile): Promise<Profile> {
    try {
      await this.documents.put({
        TableName: this.tableName,
        Item: profileItem(profile),
        ConditionExpression: 'attribute_not_exists(pk)',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
      return profile;
    } catch (error) {
      if (!isConditionFailed(error)) throw translateError(error);
      // The document client leaves errors in DynamoDB's attribute-value form.
      const old = (error as { Item?: Parameters<typeof unmarshall>[0] }).Item;
      if (old) return toProfile(unmarshall(old));
      const { Item } = await guarded(() =>
        this.documents.get({ TableName: this.tableName, Key: profileKey(profile.id), ConsistentRead: true }),
      );
      return Item ? toProfile(Item) : profile;
    }
  }

  async rename(id: string, displayName: string): Promise<Profile | null> {
    try {
      const { Attributes } = await this.documents.update({
        TableName: this.tableName,
        Key: profileKey(id),
        UpdateExpression: 'SET displayName = :name',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':name': displayName },
        ReturnValues: 'ALL_NEW',
      });
      return Attributes ? toProfile(Attributes) : null;
    } catch (error) {
      if (isConditionFailed(error)) return null;
      throw translateError(error);
    }
  }
}
