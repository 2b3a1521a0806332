// Placeholder until the DynamoDB Local launcher lands.
export default async function setup() {}
