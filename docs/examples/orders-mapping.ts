// A complete declared mapping for the "orders" test index (fixtures/orders-sample.ndjson).
// In your own project: import { defineMapping, reject } from 'es2sql';
import { JsonNumber, isJsonObject, type JsonValue } from '../../core/json-value.ts';
import { defineMapping, reject } from '../../index.ts';

const text = (value: JsonValue | undefined): string | null => (typeof value === 'string' ? value : null);
const exact = (value: JsonValue | undefined): string | null => (value instanceof JsonNumber ? value.source : typeof value === 'number' ? String(value) : null);

export default defineMapping({
  name: 'orders-declared',
  tables: {
    orders: {
      columns: {
        id: { type: 'varchar', length: 64, nullable: false },
        order_id: { type: 'varchar', length: 32 },
        status: { type: 'varchar', length: 16 },
        price: { type: 'decimal', scale: 2 },
        big: { type: 'bigint' },
        customer_city: { type: 'varchar', length: 64 },
        placed: { type: 'timestamp' },
      },
      key: ['id'],
    },
    order_lines: {
      columns: {
        order_id: { type: 'varchar', length: 64, nullable: false },
        position: { type: 'integer', nullable: false },
        sku: { type: 'varchar', length: 32 },
        qty: { type: 'integer' },
      },
      key: ['order_id', 'position'],
      documentColumn: 'order_id',
    },
  },
  transform(doc) {
    const source = doc.source;
    const status = text(source['status']);
    if (status !== null && status.length > 16) return reject('too_long', `status has ${status.length} characters; the column holds 16`, 'status');
    const placed = source['placed'];
    const when = typeof placed === 'number' ? new Date(placed) : typeof placed === 'string' ? new Date(`${placed.replace(/\//g, '-').replace(' ', 'T')}Z`) : null;
    if (when !== null && Number.isNaN(when.getTime())) return reject('unparseable_date', `placed ${JSON.stringify(placed)} is not yyyy/MM/dd HH:mm:ss`, 'placed');
    const customer = isJsonObject(source['customer']) ? source['customer'] : {};
    const address = isJsonObject(customer['address']) ? customer['address'] : {};
    const lines = Array.isArray(source['lines']) ? source['lines'] : [];
    return {
      rows: {
        orders: [{ id: doc.id, order_id: text(source['order_id']), status, price: exact(source['price']), big: exact(source['big']), customer_city: text(address['city']), placed: when }],
        order_lines: lines.filter(isJsonObject).map((line, position) => ({ order_id: doc.id, position, sku: text(line['sku']), qty: typeof line['qty'] === 'number' ? line['qty'] : null })),
      },
      findings: source['customer'] === undefined ? [{ code: 'no_customer', field: 'customer', detail: 'order without a customer' }] : [],
    };
  },
});
