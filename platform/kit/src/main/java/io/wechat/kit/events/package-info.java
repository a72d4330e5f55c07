/**
 * Events between services: the envelope, publishing to SNS, Lambda's SQS batches, and the guard that keeps
 * {@code POST /events} to the gateway.
 */
package io.wechat.kit.events;
