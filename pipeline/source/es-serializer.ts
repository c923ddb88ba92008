import { Serializer, errors } from '@elastic/elasticsearch';
import { parseJson } from '../../transforms/parse-json.ts';

/**
 * The client's serializer with an exact `deserialize`: responses are parsed with parseJson, so a
 * 20-digit integer or a `1.0` in `_source` reaches the pipeline unchanged (JsonNumber), while pages
 * without such numbers take plain `JSON.parse`'s speed.
 */
export class ExactJsonSerializer extends Serializer {
  override deserialize<T = unknown>(json: string): T {
    try {
      return parseJson(json) as T;
    } catch (error) {
      throw new errors.DeserializationError((error as Error).message, json.slice(0, 200));
    }
  }
}
