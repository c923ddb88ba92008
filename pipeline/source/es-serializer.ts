import { Serializer, errors } from '@elastic/elasticsearch';
import { parseSearchResponse } from './parse-search-response.ts';

/**
 * The client's serializer with an exact `deserialize`: responses are parsed with parseJson, so a
 * 20-digit integer or a `1.0` in `_source` reaches the pipeline unchanged (JsonNumber), while pages
 * without such numbers take plain `JSON.parse`'s speed, and pages with some pay the exact path
 * only for the hits that hold them (parseSearchResponse).
 */
export class ExactJsonSerializer extends Serializer {
  override deserialize<T = unknown>(json: string): T {
    try {
      return parseSearchResponse(json) as T;
    } catch (error) {
      throw new errors.DeserializationError((error as Error).message, json.slice(0, 200));
    }
  }
}
