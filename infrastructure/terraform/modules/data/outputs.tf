output "table_name" {
  value = aws_dynamodb_table.main.name
}

output "table_arn" {
  value = aws_dynamodb_table.main.arn
}

output "table_stream_arn" {
  value = aws_dynamodb_table.main.stream_arn
}

output "connections_table_name" {
  value = aws_dynamodb_table.connections.name
}

output "connections_table_arn" {
  value = aws_dynamodb_table.connections.arn
}

output "cursor_secret_arn" {
  value = aws_secretsmanager_secret.cursor.arn
}

# SAM resolves the secret into the functions' environment at deploy time; this is the same value, so it
# is in the state too (keep the state bucket private: the bootstrap root blocks public access).
output "cursor_secret_value" {
  value     = aws_secretsmanager_secret_version.cursor.secret_string
  sensitive = true
}
