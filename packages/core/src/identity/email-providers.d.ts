declare module "email-providers" {
  /** The free-mail and consumer email domains of the `email-providers` package. */
  const domains: string[];
  export default domains;
}
