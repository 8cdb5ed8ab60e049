/**
 * The API's types, generated from its OpenAPI document by openapi-typescript: do not edit.
 * Regenerate with `npm run gen:api` after changing a route or schema; `make test` fails while this file
 * differs from what the routes generate.
 */

export type paths = {
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health, with a real storage check */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Healthy */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unreachable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Health, with a real storage check */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Healthy */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage unreachable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Health"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/posts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List posts, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description how many items, 1 to 100 (default 20) */
                    limit?: number;
                    /** @description nextCursor of the previous page, unchanged */
                    cursor?: string;
                    /** @description author id (authorId of their posts) */
                    author?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of posts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PostPage"];
                    };
                };
                /** @description Malformed request: the body is not JSON, or the cursor is not one this API issued. Fix the request. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "bad_request",
                         *         "message": "The request body is not valid JSON."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Create a post */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Retry-safe creation: the same key and body within 24 h return the first answer. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    /**
                     * @example {
                     *       "title": "Hello, blog",
                     *       "body": "My **first** post.",
                     *       "tags": [
                     *         "intro"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["CreatePost"];
                };
            };
            responses: {
                /** @description The new post */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Post"];
                    };
                };
                /** @description Malformed request: the body is not JSON, or the cursor is not one this API issued. Fix the request. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "bad_request",
                         *         "message": "The request body is not valid JSON."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A write that collides: a new resource with an existing one (retry with the same Idempotency-Key), or an edit with more simultaneous edits of the same post than are retried (retry it). */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "conflict",
                         *         "message": "A post with id \"01J…\" already exists."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Request bodies are limited to 64 KiB. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "payload_too_large",
                         *         "message": "Request bodies are limited to 65536 bytes."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body must be JSON: send Content-Type: application/json. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unsupported_media_type",
                         *         "message": "Send the request body as JSON (Content-Type: application/json)."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/posts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get a post */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The post, with its ETag */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Post"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such resource (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "not_found",
                         *         "message": "No post with id \"01J…\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete your post with its comments and favorites */
        delete: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The strong ETag of the version you edited; W/ tags never match */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Signed in, but not allowed: only the author may change or delete this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "forbidden",
                         *         "message": "Only the author can change this post."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such resource (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "not_found",
                         *         "message": "No post with id \"01J…\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A write that collides: a new resource with an existing one (retry with the same Idempotency-Key), or an edit with more simultaneous edits of the same post than are retried (retry it). */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "conflict",
                         *         "message": "A post with id \"01J…\" already exists."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description If-Match does not name the current version: GET the resource again and retry with its ETag. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "precondition_failed",
                         *         "message": "Post \"01J…\" changed since you read it; fetch it again and retry with its new ETag."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Edit your post */
        patch: {
            parameters: {
                query?: never;
                header?: {
                    /** @description The strong ETag of the version you edited; W/ tags never match */
                    "if-match"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    /**
                     * @example {
                     *       "title": "Hello again",
                     *       "tags": [
                     *         "intro",
                     *         "news"
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["UpdatePost"];
                };
            };
            responses: {
                /** @description The edited post */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Post"];
                    };
                };
                /** @description Malformed request: the body is not JSON, or the cursor is not one this API issued. Fix the request. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "bad_request",
                         *         "message": "The request body is not valid JSON."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Signed in, but not allowed: only the author may change or delete this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "forbidden",
                         *         "message": "Only the author can change this post."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such resource (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "not_found",
                         *         "message": "No post with id \"01J…\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A write that collides: a new resource with an existing one (retry with the same Idempotency-Key), or an edit with more simultaneous edits of the same post than are retried (retry it). */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "conflict",
                         *         "message": "A post with id \"01J…\" already exists."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description If-Match does not name the current version: GET the resource again and retry with its ETag. */
                412: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "precondition_failed",
                         *         "message": "Post \"01J…\" changed since you read it; fetch it again and retry with its new ETag."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Request bodies are limited to 64 KiB. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "payload_too_large",
                         *         "message": "Request bodies are limited to 65536 bytes."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body must be JSON: send Content-Type: application/json. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unsupported_media_type",
                         *         "message": "Send the request body as JSON (Content-Type: application/json)."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/posts/{id}/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a post's comments, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description how many items, 1 to 100 (default 20) */
                    limit?: number;
                    /** @description nextCursor of the previous page, unchanged */
                    cursor?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of comments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CommentPage"];
                    };
                };
                /** @description Malformed request: the body is not JSON, or the cursor is not one this API issued. Fix the request. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "bad_request",
                         *         "message": "The request body is not valid JSON."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such resource (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "not_found",
                         *         "message": "No post with id \"01J…\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        /** Comment on a post */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Retry-safe creation: the same key and body within 24 h return the first answer. */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    /**
                     * @example {
                     *       "body": "Nice post!"
                     *     }
                     */
                    "application/json": components["schemas"]["CreateComment"];
                };
            };
            responses: {
                /** @description The new comment */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Comment"];
                    };
                };
                /** @description Malformed request: the body is not JSON, or the cursor is not one this API issued. Fix the request. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "bad_request",
                         *         "message": "The request body is not valid JSON."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such resource (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "not_found",
                         *         "message": "No post with id \"01J…\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description A write that collides: a new resource with an existing one (retry with the same Idempotency-Key), or an edit with more simultaneous edits of the same post than are retried (retry it). */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "conflict",
                         *         "message": "A post with id \"01J…\" already exists."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Request bodies are limited to 64 KiB. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "payload_too_large",
                         *         "message": "Request bodies are limited to 65536 bytes."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body must be JSON: send Content-Type: application/json. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unsupported_media_type",
                         *         "message": "Send the request body as JSON (Content-Type: application/json)."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/posts/{id}/comments/{commentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete a comment (its author or the post author) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    commentId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Signed in, but not allowed: only the author may change or delete this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "forbidden",
                         *         "message": "Only the author can change this post."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such resource (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "not_found",
                         *         "message": "No post with id \"01J…\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/posts/{id}/favorite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Favorite a post (idempotent) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Favorited */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such resource (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "not_found",
                         *         "message": "No post with id \"01J…\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        post?: never;
        /** Remove a favorite (idempotent) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Not favorited */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No such resource (or it was deleted). */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "not_found",
                         *         "message": "No post with id \"01J…\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Your profile (created on your first signed-in request) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Your profile */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Profile"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change your display name */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: {
                content: {
                    /**
                     * @example {
                     *       "displayName": "Grace"
                     *     }
                     */
                    "application/json": components["schemas"]["UpdateProfile"];
                };
            };
            responses: {
                /** @description Your profile */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Profile"];
                    };
                };
                /** @description Malformed request: the body is not JSON, or the cursor is not one this API issued. Fix the request. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "bad_request",
                         *         "message": "The request body is not valid JSON."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Request bodies are limited to 64 KiB. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "payload_too_large",
                         *         "message": "Request bodies are limited to 65536 bytes."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body must be JSON: send Content-Type: application/json. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unsupported_media_type",
                         *         "message": "Send the request body as JSON (Content-Type: application/json)."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/me/favorites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Posts you favorited, most recent first */
        get: {
            parameters: {
                query?: {
                    /** @description how many items, 1 to 100 (default 20) */
                    limit?: number;
                    /** @description nextCursor of the previous page, unchanged */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of posts */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PostPage"];
                    };
                };
                /** @description Malformed request: the body is not JSON, or the cursor is not one this API issued. Fix the request. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "bad_request",
                         *         "message": "The request body is not valid JSON."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for a URL to upload an image to (jpeg, png, webp or gif; at most 5 MiB) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "contentType": "image/png",
                     *       "size": 48213
                     *     }
                     */
                    "application/json": components["schemas"]["UploadRequest"];
                };
            };
            responses: {
                /** @description Where to PUT the bytes, and the key to give the post */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UploadTicket"];
                    };
                };
                /** @description Malformed request: the body is not JSON, or the cursor is not one this API issued. Fix the request. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "bad_request",
                         *         "message": "The request body is not valid JSON."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Request bodies are limited to 64 KiB. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "payload_too_large",
                         *         "message": "Request bodies are limited to 65536 bytes."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body must be JSON: send Content-Type: application/json. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unsupported_media_type",
                         *         "message": "Send the request body as JSON (Content-Type: application/json)."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/dev/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A token from the local issuer (local only) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "userId": "alice",
                     *       "name": "Alice"
                     *     }
                     */
                    "application/json": components["schemas"]["DevTokenRequest"];
                };
            };
            responses: {
                /** @description A bearer token for userId */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DevToken"];
                    };
                };
                /** @description Malformed request: the body is not JSON, or the cursor is not one this API issued. Fix the request. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "bad_request",
                         *         "message": "The request body is not valid JSON."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Request bodies are limited to 64 KiB. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "payload_too_large",
                         *         "message": "Request bodies are limited to 65536 bytes."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body must be JSON: send Content-Type: application/json. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unsupported_media_type",
                         *         "message": "Send the request body as JSON (Content-Type: application/json)."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/broadcast/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * System message to subscribers (system callers only)
         * @description Served by its own function: IAM (SigV4) authorization in AWS; locally the x-broadcast-key header `make local` prints.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    /**
                     * @example {
                     *       "message": "Maintenance at 18:00 UTC."
                     *     }
                     */
                    "application/json": components["schemas"]["Broadcast"];
                };
            };
            responses: {
                /** @description Pushed */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BroadcastResult"];
                    };
                };
                /** @description Malformed request: the body is not JSON, or the cursor is not one this API issued. Fix the request. */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "bad_request",
                         *         "message": "The request body is not valid JSON."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description No token on a route that needs one, or a token that is expired, badly signed or from another issuer. Sign in again. */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unauthorized",
                         *         "message": "Sign in: this route needs \"Authorization: Bearer <token>\"."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Signed in, but not allowed: only the author may change or delete this. */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "forbidden",
                         *         "message": "Only the author can change this post."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Request bodies are limited to 64 KiB. */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "payload_too_large",
                         *         "message": "Request bodies are limited to 65536 bytes."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The body must be JSON: send Content-Type: application/json. */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unsupported_media_type",
                         *         "message": "Send the request body as JSON (Content-Type: application/json)."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Fields break the rules: `details` names each field and what is wrong with it. */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "validation_error",
                         *         "message": "The request has invalid fields.",
                         *         "details": [
                         *           {
                         *             "field": "title",
                         *             "message": "must be 1–200 characters"
                         *           }
                         *         ]
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Too many requests: wait Retry-After seconds. (In AWS, API Gateway throttling answers before the function with its own body, {"message":"Too Many Requests"}.) */
                429: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "rate_limited",
                         *         "message": "Too many requests; retry after a pause."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Storage cannot be reached for the moment: retry after Retry-After seconds. */
                503: {
                    headers: {
                        /** @description Seconds to wait before retrying */
                        "Retry-After"?: number;
                        [name: string]: unknown;
                    };
                    content: {
                        /**
                         * @example {
                         *       "error": {
                         *         "code": "unavailable",
                         *         "message": "The service is unavailable; retry shortly."
                         *       }
                         *     }
                         */
                        "application/json": components["schemas"]["Error"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
export type components = {
    schemas: {
        Health: {
            /** @enum {string} */
            status: "healthy" | "unhealthy";
            environment: string;
            version: string;
            checks: {
                /** @enum {string} */
                database: "ok" | "unreachable";
            };
        };
        Error: {
            error: {
                /** @example not_found */
                code: string;
                message: string;
                details?: unknown;
            };
        };
        PostPage: {
            items: components["schemas"]["Post"][];
            nextCursor: string | null;
        };
        Post: {
            id: string;
            authorId: string;
            authorName: string;
            title: string;
            body: string;
            tags: string[];
            imageKey: string | null;
            imageUrl: string | null;
            createdAt: string;
            updatedAt: string;
            version: number;
            commentCount: number;
            favoriteCount: number;
            favoritedByMe: boolean;
        };
        CreatePost: {
            title: string;
            body: string;
            tags?: string[];
            /** @default null */
            imageKey?: string | null;
        };
        UpdatePost: {
            title?: string;
            body?: string;
            tags?: string[];
            imageKey?: string | null;
        };
        CommentPage: {
            items: components["schemas"]["Comment"][];
            nextCursor: string | null;
        };
        Comment: {
            id: string;
            postId: string;
            authorId: string;
            authorName: string;
            body: string;
            createdAt: string;
        };
        CreateComment: {
            body: string;
        };
        Profile: {
            id: string;
            displayName: string;
            createdAt: string;
        };
        UpdateProfile: {
            displayName: string;
        };
        UploadTicket: {
            /** @description Set it as a post's imageKey once the bytes are uploaded */
            key: string;
            /** Format: uri */
            uploadUrl: string;
            /** @constant */
            method: "PUT";
            /** @description Send exactly these with the PUT */
            headers: {
                [key: string]: string;
            };
            /** Format: date-time */
            expiresAt: string;
        };
        UploadRequest: {
            /**
             * @description One of image/jpeg, image/png, image/webp, image/gif, in any case (kept in lowercase)
             * @example image/png
             */
            contentType: string;
            size: number;
        };
        DevToken: {
            token: string;
        };
        DevTokenRequest: {
            userId: string;
            name?: string;
        };
        BroadcastResult: {
            delivered: number;
            stale: number;
            failed: number;
        };
        Broadcast: {
            postId?: string;
            message: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
};
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
