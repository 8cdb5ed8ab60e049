# The site's Content-Security-Policy per identity provider, planned against a mocked AWS provider (no
# account, no emulator: only the policy's text is under test). test/terraform/site-policy.test.ts runs it
# with `bundle_dir` pointing at placeholder zips.

mock_provider "aws" {
  mock_data "aws_region" {
    defaults = { name = "eu-west-1" }
  }
  mock_data "aws_partition" {
    defaults = { partition = "aws", dns_suffix = "amazonaws.com" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{}" }
  }
}

variables {
  environment                 = "staging"
  app_version                 = "test"
  create_websocket_deployment = false
  create_site_cdn             = true
}

run "firebase_allows_its_endpoints_and_auth_domain" {
  command = plan
  variables {
    auth_provider        = "firebase"
    firebase_project_id  = "my-blog"
    firebase_web_api_key = "AIzaPublicWebKey"
  }
  assert {
    condition     = strcontains(module.site.content_security_policy, "script-src 'self' https://apis.google.com;")
    error_message = "script-src must allow Google's sign-in helper with Firebase"
  }
  assert {
    condition     = strcontains(module.site.content_security_policy, "frame-src https://my-blog.firebaseapp.com;")
    error_message = "frame-src must name the project's authDomain with Firebase"
  }
  assert {
    condition     = strcontains(module.site.content_security_policy, "https://identitytoolkit.googleapis.com https://securetoken.googleapis.com https://my-blog.firebaseapp.com;")
    error_message = "connect-src must name Firebase Auth's endpoints and the authDomain"
  }
  assert {
    condition     = output.FirebaseAuthDomain == "my-blog.firebaseapp.com" && output.FirebaseWebApiKey == "AIzaPublicWebKey"
    error_message = "the Firebase outputs feed the site's runtime config"
  }
}

run "firebase_on_its_own_auth_domain" {
  command = plan
  variables {
    auth_provider        = "firebase"
    firebase_project_id  = "my-blog"
    firebase_web_api_key = "AIzaPublicWebKey"
    firebase_auth_domain = "login.blog.mine.dev"
  }
  assert {
    condition     = strcontains(module.site.content_security_policy, "frame-src https://login.blog.mine.dev;")
    error_message = "frame-src must name firebase_auth_domain when set"
  }
}

run "managed_cognito_names_nothing_of_firebase" {
  command = plan
  variables {
    auth_provider = "managed-cognito"
  }
  assert {
    condition     = !strcontains(module.site.content_security_policy, "googleapis") && !strcontains(module.site.content_security_policy, "frame-src")
    error_message = "without Firebase the policy names none of its endpoints and no frame"
  }
  assert {
    condition     = output.FirebaseProjectId == null
    error_message = "the Firebase outputs are absent without Firebase"
  }
}
