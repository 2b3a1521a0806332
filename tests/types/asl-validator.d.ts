declare module "asl-validator" {
  export default function aslValidator(
    definition: unknown,
    options?: Record<string, unknown>,
  ): { isValid: boolean; errors: unknown[] };
}
