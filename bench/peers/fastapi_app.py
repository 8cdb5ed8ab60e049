"""The seeds' stack as the bench's peer: a minimal FastAPI app serving the same two read routes from memory.

PEER_DATA names a JSON file holding the first page of GET /api/posts exactly as our API answered it; the
posts of that page are also what GET /api/posts/{id} serves. Run by the bench with
`python3 -m uvicorn fastapi_app:app --app-dir bench/peers --port <port> --no-access-log`.
"""

import json
import os

from fastapi import FastAPI, HTTPException

with open(os.environ["PEER_DATA"], encoding="utf-8") as data:
    FIRST_PAGE = json.load(data)
POSTS = {post["id"]: post for post in FIRST_PAGE["items"]}

app = FastAPI()


@app.get("/api/posts")
async def list_posts():
    return FIRST_PAGE


@app.get("/api/posts/{post_id}")
async def get_post(post_id: str):
    post = POSTS.get(post_id)
    if post is None:
        raise HTTPException(status_code=404, detail="not found")
    return post
