/** The demo data `make seed` loads: a few users who post, comment and favorite. */
export const demoContent = {
  users: [
    { id: 'alice', name: 'Alice Martin' },
    { id: 'bob', name: 'Bob Chen' },
    { id: 'carol', name: 'Carol Diaz' },
  ],
  posts: [
    {
      author: 'alice',
      fields: {
        title: 'Welcome to blogapp',
        body: 'A serverless blog on Lambda and DynamoDB.',
        tags: ['intro'],
      },
      comments: [
        { author: 'bob', body: 'Looks great!' },
        { author: 'carol', body: 'Trying the live comments now.' },
      ],
      favoritedBy: ['bob', 'carol'],
    },
    {
      author: 'bob',
      fields: {
        title: 'Single-table design notes',
        body: 'Posts, comments and favorites share a partition.',
        tags: ['dynamodb', 'design'],
      },
      comments: [{ author: 'alice', body: 'One Query for a post and its comments, nice.' }],
      favoritedBy: ['alice'],
    },
    {
      author: 'carol',
      fields: {
        title: 'Deploying with SAM',
        body: 'sam build, then sam deploy --config-env staging.',
        tags: ['aws', 'sam'],
      },
      comments: [],
      favoritedBy: [],
    },
  ],
};
