import { useLocation, useNavigate } from 'react-router-dom'

/**
 * Back where the owner came from; to `list` instead when the page was opened from a link (nothing to go
 * back to) or when `toList` says so.
 */
export function useBack(list: string, toList = false) {
  const navigate = useNavigate()
  const location = useLocation()
  return () => (location.key === 'default' || toList ? navigate(list) : navigate(-1))
}
