// Writes the generic "orders" test corpus (a non-Freezer index) to Elasticsearch or an NDJSON file.
//
//   node scripts/orders-corpus.ts --file fixtures/orders-sample.ndjson [--count 60]
//   node scripts/orders-corpus.ts --es http://127.0.0.1:9200 [--index orders] [--count 300] [--multi-type]
import { parseArgs } from 'node:util';
import { writeOrdersNdjson, writeOrdersToElasticsearch } from '../fixtures/orders/write-orders.ts';

const { values } = parseArgs({ options: { file: { type: 'string' }, es: { type: 'string' }, index: { type: 'string', default: 'orders' }, count: { type: 'string', default: '60' }, 'multi-type': { type: 'boolean', default: false } } });
const count = Number(values.count);
if (values.file !== undefined) {
  await writeOrdersNdjson(values.file, count, values.index);
  console.log(`wrote ${count} orders to ${values.file}`);
} else if (values.es !== undefined) {
  const result = await writeOrdersToElasticsearch({ url: values.es, index: values.index, count, multiType: values['multi-type'] });
  console.log(`wrote ${result.documents} documents to ${values.index} on Elasticsearch ${result.major}`);
} else {
  console.error('orders-corpus: give --file <out.ndjson> or --es <url>');
  process.exit(2);
}
