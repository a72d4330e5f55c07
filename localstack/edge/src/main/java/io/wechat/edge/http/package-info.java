/** The HTTP API: the route table from Terraform, CORS, stage throttling and the proxy to the services. */
package io.wechat.edge.http;
