output "websocket_api_id" {
  value = aws_apigatewayv2_api.websocket.id
}

output "websocket_url" {
  value = "wss://${aws_apigatewayv2_api.websocket.id}.execute-api.${data.aws_region.current.name}.amazonaws.com/${var.environment}"
}

output "management_endpoint" {
  value = local.management_endpoint
}

output "route_keys" {
  value = sort(keys(aws_apigatewayv2_route.websocket))
}

output "failure_queue_name" {
  value = aws_sqs_queue.comment_stream_failures.name
}

output "websocket_function" {
  value = module.websocket_function
}

output "comment_stream_function" {
  value = module.comment_stream_function
}

output "broadcast_function" {
  value = module.broadcast_function
}
