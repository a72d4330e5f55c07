/**
 * Lambda's event source mappings: SQS queues and DynamoDB streams polled, their batches delivered to the services'
 * {@code POST /events} by one invoker, and the {@code batchItemFailures} answer honoured.
 */
package io.wechat.edge.esm;
