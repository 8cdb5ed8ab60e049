output "alarm_topic_arn" {
  value = aws_sns_topic.alarms.arn
}

output "dashboard_url" {
  value = "https://${data.aws_region.current.name}.console.aws.amazon.com/cloudwatch/home?region=${data.aws_region.current.name}#dashboards:name=${aws_cloudwatch_dashboard.main.dashboard_name}"
}

output "canary_alarm_names" {
  description = "The alarms that stop a production canary (the SAM template's DeploymentPreference.Alarms)."
  value = [
    aws_cloudwatch_metric_alarm.http_5xx.alarm_name,
    aws_cloudwatch_metric_alarm.function_sum["errors"].alarm_name,
    aws_cloudwatch_metric_alarm.function_duration.alarm_name,
  ]
}
