import { JsonNumber, isJsonObject, type JsonValue } from '../../core/json-value.ts';

const BASE32 = '0123456789bcdefghjkmnpqrstuvwxyz';

function num(value: JsonValue | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof JsonNumber) return Number(value.source);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

/** The centre of a geohash cell, as ES reads a geohash geo_point. */
function decodeGeohash(hash: string): { lat: number; lon: number } | undefined {
  let lat: [number, number] = [-90, 90];
  let lon: [number, number] = [-180, 180];
  let even = true;
  for (const char of hash.toLowerCase()) {
    const bits = BASE32.indexOf(char);
    if (bits < 0) return undefined;
    for (let mask = 16; mask > 0; mask >>= 1) {
      const range = even ? lon : lat;
      const mid = (range[0] + range[1]) / 2;
      if (bits & mask) range[0] = mid;
      else range[1] = mid;
      even = !even;
    }
  }
  return { lat: (lat[0] + lat[1]) / 2, lon: (lon[0] + lon[1]) / 2 };
}

/**
 * Reads a geo_point in every form ES accepts: `{lat, lon}`, `[lon, lat]`, `"lat,lon"`,
 * `"POINT (lon lat)"`, a geohash, GeoJSON `{type: Point, coordinates: [lon, lat]}`.
 */
export function parseGeoPoint(value: JsonValue): { lat: number; lon: number } | undefined {
  let point: { lat: number | undefined; lon: number | undefined } | undefined;
  if (Array.isArray(value)) {
    if (value.length >= 2) point = { lon: num(value[0]), lat: num(value[1]) };
  } else if (isJsonObject(value)) {
    if (Array.isArray(value['coordinates'])) point = { lon: num(value['coordinates'][0]), lat: num(value['coordinates'][1]) };
    else point = { lat: num(value['lat']), lon: num(value['lon']) };
  } else if (typeof value === 'string') {
    const text = value.trim();
    const wkt = /^POINT\s*\(\s*(\S+)\s+(\S+)(?:\s+\S+)?\s*\)$/i.exec(text);
    const pair = /^(\S+?)\s*,\s*(\S+?)(?:\s*,\s*\S+)?$/.exec(text);
    if (wkt) point = { lon: num(wkt[1]), lat: num(wkt[2]) };
    else if (pair) point = { lat: num(pair[1]), lon: num(pair[2]) };
    else return decodeGeohash(text);
  }
  if (point === undefined || point.lat === undefined || point.lon === undefined) return undefined;
  if (Math.abs(point.lat) > 90 || Math.abs(point.lon) > 180) return undefined;
  return { lat: point.lat, lon: point.lon };
}
